package io.bosun.apiserver.endpoints.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bosun.apiserver.endpoints.internal.Output.Form;
import io.bosun.apiserver.endpoints.internal.Output.IncludeObject;
import io.bosun.core.api.StatusException;
import org.junit.jupiter.api.Test;

class OutputTest {
  @Test
  void theFirstMediaTypeTheServerCanProduceWins() {
    Output kubectl =
        Output.negotiate(
            "application/json;as=Table;v=v1;g=meta.k8s.io,"
                + "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json",
            null);
    assertThat(kubectl.form()).isEqualTo(Form.TABLE);
    assertThat(kubectl.apiVersion()).isEqualTo("meta.k8s.io/v1");
    assertThat(kubectl.includeObject()).isEqualTo(IncludeObject.METADATA);

    Output metadata =
        Output.negotiate(
            "application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,"
                + " application/json; as=PartialObjectMetadataList; g=meta.k8s.io; v=v1",
            null);
    assertThat(metadata.form()).isEqualTo(Form.METADATA_LIST);
    assertThat(metadata.forWatch().form()).isEqualTo(Form.METADATA);

    assertThat(Output.negotiate("application/json;as=Table;g=meta.k8s.io;v=v1beta1", "Object"))
        .isEqualTo(new Output(Form.TABLE, "v1beta1", IncludeObject.OBJECT));
  }

  @Test
  void unknownConversionsFallBackToTheObjects() {
    assertThat(Output.negotiate(null, null).form()).isEqualTo(Form.OBJECT);
    assertThat(Output.negotiate("*/*", null).form()).isEqualTo(Form.OBJECT);
    assertThat(
            Output.negotiate("application/json;as=Table;g=example.com;v=v1,application/json", null)
                .form())
        .isEqualTo(Form.OBJECT);
    assertThat(Output.negotiate("application/vnd.kubernetes.protobuf", null).form())
        .isEqualTo(Form.OBJECT);
  }

  @Test
  void anUnknownIncludeObjectIsABadRequest() {
    assertThatThrownBy(
            () -> Output.negotiate("application/json;as=Table;g=meta.k8s.io;v=v1", "Everything"))
        .isInstanceOf(StatusException.class)
        .hasMessageContaining("includeObject: Unsupported value: \"Everything\"");
  }
}
