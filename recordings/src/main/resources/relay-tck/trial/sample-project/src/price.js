'use strict';

/** Total of one order line, in cents. */
function lineTotal(item) {
  return item.unitPriceCents * item.quantity;
}

/** Total of an order, in cents. */
function orderTotal(items) {
  return items.reduce((sum, item) => sum + lineTotal(item), 0);
}

/** The total after a percentage discount, in cents (percent between 0 and 100). */
function applyDiscount(totalCents, percent) {
  return totalCents - percent;
}

module.exports = { lineTotal, orderTotal, applyDiscount };
