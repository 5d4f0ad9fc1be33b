package io.bosun.apiserver.patch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class PatchesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static ObjectNode json(String text) throws Exception {
    return (ObjectNode) MAPPER.readTree(text.replace('\'', '"'));
  }

  private static ObjectNode apply(PatchType type, String kind, String object, String patch)
      throws Exception {
    return Patches.apply(type, kind, json(object), patch.replace('\'', '"').getBytes(UTF_8));
  }

  @Test
  void mergePatchMergesObjectsRemovesNullsAndReplacesLists() throws Exception {
    ObjectNode result =
        apply(
            PatchType.MERGE,
            "ConfigMap",
            "{'metadata':{'name':'a','labels':{'x':'1','y':'2'},'finalizers':['f1']},'data':{'k':'v'}}",
            "{'metadata':{'labels':{'x':null,'z':'3'},'finalizers':['f2']},'data':{'k2':'v2'}}");

    assertThat(result)
        .isEqualTo(
            json(
                "{'metadata':{'name':'a','labels':{'y':'2','z':'3'},'finalizers':['f2']},'data':{'k':'v','k2':'v2'}}"));
  }

  @Test
  void jsonPatchAppliesOperationsInOrder() throws Exception {
    ObjectNode result =
        apply(
            PatchType.JSON,
            "ConfigMap",
            "{'metadata':{'name':'a'},'data':{'k':'v'}}",
            "[{'op':'add','path':'/data/n','value':'1'},{'op':'remove','path':'/data/k'},"
                + "{'op':'test','path':'/data/n','value':'1'}]");

    assertThat(result).isEqualTo(json("{'metadata':{'name':'a'},'data':{'n':'1'}}"));
  }

  @Test
  void failedJsonPatchTestIsNotMalformed() {
    assertThatThrownBy(
            () ->
                apply(
                    PatchType.JSON,
                    "ConfigMap",
                    "{'data':{'k':'v'}}",
                    "[{'op':'test','path':'/data/k','value':'other'}]"))
        .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.malformed()).isFalse());
  }

  @Test
  void malformedPatchesAreReportedAsSuch() {
    assertThatThrownBy(() -> apply(PatchType.MERGE, "ConfigMap", "{}", "{not json"))
        .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.malformed()).isTrue());
    assertThatThrownBy(() -> apply(PatchType.JSON, "ConfigMap", "{}", "{'op':'add'}"))
        .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.malformed()).isTrue());
    assertThatThrownBy(() -> apply(PatchType.MERGE, "ConfigMap", "{}", "[1]"))
        .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.malformed()).isTrue());
  }

  @Test
  void strategicMergeMergesContainersByNameAndEnvByName() throws Exception {
    ObjectNode result =
        apply(
            PatchType.STRATEGIC_MERGE,
            "Deployment",
            "{'spec':{'template':{'spec':{'containers':[{'name':'app','image':'a:1',"
                + "'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]},{'name':'side','image':'s:1'}]}}}}",
            "{'spec':{'template':{'spec':{'containers':[{'name':'app','image':'a:2',"
                + "'env':[{'name':'B','value':'3'},{'name':'C','value':'4'}]}]}}}}");

    assertThat(result)
        .isEqualTo(
            json(
                "{'spec':{'template':{'spec':{'containers':[{'name':'app','image':'a:2',"
                    + "'env':[{'name':'A','value':'1'},{'name':'B','value':'3'},{'name':'C','value':'4'}]},"
                    + "{'name':'side','image':'s:1'}]}}}}"));
  }

  @Test
  void strategicMergeHonoursDeleteAndReplaceDirectives() throws Exception {
    ObjectNode result =
        apply(
            PatchType.STRATEGIC_MERGE,
            "Pod",
            "{'spec':{'containers':[{'name':'a'},{'name':'b'}],'volumes':[{'name':'v1'}],"
                + "'nodeSelector':{'x':'1','y':'2'}}}",
            "{'spec':{'containers':[{'name':'a','$patch':'delete'}],"
                + "'volumes':[{'name':'v2'},{'$patch':'replace'}],"
                + "'nodeSelector':{'$patch':'replace','z':'3'}}}");

    assertThat(result)
        .isEqualTo(
            json(
                "{'spec':{'containers':[{'name':'b'}],'volumes':[{'name':'v2'}],'nodeSelector':{'z':'3'}}}"));
  }

  @Test
  void strategicMergeTreatsFinalizersAsASetAndHonoursDeleteFromPrimitiveList() throws Exception {
    ObjectNode result =
        apply(
            PatchType.STRATEGIC_MERGE,
            "ConfigMap",
            "{'metadata':{'finalizers':['a','b']}}",
            "{'metadata':{'finalizers':['b','c'],'$deleteFromPrimitiveList/finalizers':['a']}}");

    assertThat(result).isEqualTo(json("{'metadata':{'finalizers':['b','c']}}"));
  }

  @Test
  void strategicMergeReplacesUntaggedListsAndAppliesElementOrder() throws Exception {
    ObjectNode replaced =
        apply(
            PatchType.STRATEGIC_MERGE,
            "Pod",
            "{'spec':{'tolerations':[{'key':'a'}],'containers':[{'name':'x'},{'name':'y'}]}}",
            "{'spec':{'tolerations':[{'key':'b'}],"
                + "'$setElementOrder/containers':[{'name':'y'},{'name':'x'}],"
                + "'containers':[{'name':'x','image':'i'}]}}");

    assertThat(replaced)
        .isEqualTo(
            json(
                "{'spec':{'tolerations':[{'key':'b'}],'containers':[{'name':'y'},{'name':'x','image':'i'}]}}"));
  }

  @Test
  void strategicMergeRetainKeysDropsTheOthers() throws Exception {
    ObjectNode result =
        apply(
            PatchType.STRATEGIC_MERGE,
            "Deployment",
            "{'spec':{'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1}}}}",
            "{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate'}}}");

    assertThat(result).isEqualTo(json("{'spec':{'strategy':{'type':'Recreate'}}}"));
  }

  @Test
  void knowsPatchTypesByMediaType() {
    assertThat(PatchType.of("application/merge-patch+json; charset=utf-8"))
        .contains(PatchType.MERGE);
    assertThat(PatchType.of("application/apply-patch+yaml")).contains(PatchType.APPLY);
    assertThat(PatchType.of("application/apply-patch+cbor")).isEmpty();
  }
}
