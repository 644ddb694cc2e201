package dev.relaytck.recordings.replay;

import com.github.tomakehurst.wiremock.standalone.MappingsSource;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappings;
import java.util.List;

/**
 * The replay server's stubs come only from its recordings: WireMock would otherwise load
 * (and save) mapping files under the working directory, which differs between runs.
 */
final class NoMappingsOnDisk implements MappingsSource {
  @Override
  public void loadMappingsInto(StubMappings stubMappings) {}

  @Override
  public void save(List<StubMapping> stubMappings) {}

  @Override
  public void save(StubMapping stubMapping) {}

  @Override
  @SuppressWarnings("removal") // still abstract in WireMock 3.13, so it must be implemented
  public void remove(StubMapping stubMapping) {}

  @Override
  public void removeAll() {}
}
