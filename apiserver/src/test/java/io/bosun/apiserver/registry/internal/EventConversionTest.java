package io.bosun.apiserver.registry.internal;

import static io.bosun.apiserver.registry.internal.QuotedJson.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventConversionTest {
  private final EventConversion conversion = new EventConversion();

  private static final String EVENTS =
      "{'apiVersion':'events.k8s.io/v1','kind':'Event','metadata':{'name':'e'},"
          + "'eventTime':'2026-11-24T05:00:00.000000Z','series':{'count':2},"
          + "'reportingController':'c','reportingInstance':'i','action':'A','reason':'R',"
          + "'regarding':{'kind':'Pod','name':'p'},'related':{'kind':'Node','name':'n'},"
          + "'note':'hello','type':'Normal','deprecatedSource':{'component':'c'},"
          + "'deprecatedFirstTimestamp':'2026-11-24T04:00:00Z',"
          + "'deprecatedLastTimestamp':'2026-11-24T05:00:00Z','deprecatedCount':4}";

  private static final String CORE =
      "{'apiVersion':'v1','kind':'Event','metadata':{'name':'e'},"
          + "'eventTime':'2026-11-24T05:00:00.000000Z','series':{'count':2},"
          + "'reportingComponent':'c','reportingInstance':'i','action':'A','reason':'R',"
          + "'involvedObject':{'kind':'Pod','name':'p'},'related':{'kind':'Node','name':'n'},"
          + "'message':'hello','type':'Normal','source':{'component':'c'},"
          + "'firstTimestamp':'2026-11-24T04:00:00Z',"
          + "'lastTimestamp':'2026-11-24T05:00:00Z','count':4}";

  @Test
  void storesAnEventsApiEventInCoreNames() throws Exception {
    assertThat(conversion.toStorage(json(EVENTS), null)).isEqualTo(json(CORE));
  }

  @Test
  void storesACoreEventAsItIs() throws Exception {
    assertThat(conversion.toStorage(json(CORE), null)).isEqualTo(json(CORE));
  }

  @Test
  void servesACoreEventInEitherApi() throws Exception {
    assertThat(conversion.toVersion(json(CORE), "events.k8s.io/v1")).isEqualTo(json(EVENTS));
    assertThat(conversion.toVersion(json(CORE), "v1")).isEqualTo(json(CORE));
  }

  @Test
  void mapsSelectorFieldsToCoreNames() {
    assertThat(conversion.storedField("regarding.name")).isEqualTo("involvedObject.name");
    assertThat(conversion.storedField("deprecatedSource")).isEqualTo("source");
    assertThat(conversion.storedField("reportingController")).isEqualTo("reportingComponent");
    assertThat(conversion.storedField("reason")).isEqualTo("reason");
    assertThat(conversion.storedField("metadata.name")).isEqualTo("metadata.name");
    assertThat(conversion.storedField("regardingX.name")).isEqualTo("regardingX.name");
  }
}
