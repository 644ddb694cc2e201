package dev.relaytck.billing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * BILL-060's figures: what the relay costs per million tokens of each kind, next to the list
 * price of the claimed model. {@code basis} says where the figure comes from: {@code charged}
 * (the balance audit: the list price times what the balance lost over the list price of the
 * same usage) or {@code advertised} (only {@code --price} was given, nothing measured).
 */
public record EffectivePrice(String model, String listFamily, Price list, Price effective, double ratioToList, String basis,
    String listSource, TypicalHour hour) {

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", model);
    m.put("basis", basis);
    m.put("usdPerMillion", effective.toMap());
    m.put("listUsdPerMillion", list.toMap());
    m.put("listFamily", listFamily);
    m.put("listSource", listSource);
    m.put("ratioToList", Figures.round(ratioToList));
    m.put("typicalHour", hour.toMap(effective));
    m.put("typicalHourAtList", Figures.round(list.usd(hour.perHour())));
    return m;
  }
}
