package io.bosun.apiserver.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bosun.apiserver.registry.KindRegistry;
import io.bosun.apiserver.registry.ResourceType;
import io.bosun.apiserver.registry.TableColumn;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cells of kube-apiserver's printers, computed from objects at a fixed time. */
class TableColumnsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final KindRegistry KINDS = KindRegistry.builtin();
  private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

  private static ResourceType kind(String group, String version, String resource) {
    return KINDS.find(group, version, resource).orElseThrow();
  }

  /** Header and priority of each column, as {@code NAME}, {@code IP*} for wide ones. */
  private static List<String> headers(ResourceType type) {
    return type.columns().stream()
        .map(c -> c.name().toUpperCase() + (c.priority() > 0 ? "*" : ""))
        .toList();
  }

  private static List<String> cells(ResourceType type, String yamlishJson) throws Exception {
    var object = MAPPER.readTree(yamlishJson.replace('\'', '"'));
    return type.columns().stream().map(c -> String.valueOf(c.cell().value(object, NOW))).toList();
  }

  private static String cell(ResourceType type, String column, String json) throws Exception {
    List<TableColumn> columns = type.columns();
    List<String> cells = cells(type, json);
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equalsIgnoreCase(column)) {
        return cells.get(i);
      }
    }
    throw new AssertionError("no column " + column);
  }

  @Test
  void everyBuiltInKindHasExactlyOneNameColumn() {
    for (ResourceType type : KINDS.all()) {
      assertThat(type.columns().stream().filter(TableColumn::isName).count())
          .as(type.resource())
          .isEqualTo(1);
    }
  }

  @Test
  void podColumnsAreKubectlsWithTheWideOnesLast() throws Exception {
    assertThat(headers(kind("", "v1", "pods")))
        .containsExactly(
            "NAME",
            "READY",
            "STATUS",
            "RESTARTS",
            "AGE",
            "IP*",
            "NODE*",
            "NOMINATED NODE*",
            "READINESS GATES*");
    assertThat(
            cells(
                kind("", "v1", "pods"),
                "{'metadata':{'name':'p','creationTimestamp':'2025-01-01T11:59:15Z'},"
                    + "'spec':{'containers':[{'name':'a'},{'name':'b'}]},"
                    + "'status':{'phase':'Pending'}}"))
        .containsExactly("p", "0/2", "Pending", "0", "45s", "<none>", "<none>", "<none>", "<none>");
  }

  @Test
  void podStatusComesFromTheContainerStates() throws Exception {
    ResourceType pods = kind("", "v1", "pods");
    String waiting =
        "{'spec':{'containers':[{'name':'a'}]},'status':{'phase':'Pending','containerStatuses':"
            + "[{'name':'a','state':{'waiting':{'reason':'ContainerCreating'}}}]}}";
    assertThat(cell(pods, "Status", waiting)).isEqualTo("ContainerCreating");

    String crashing =
        "{'spec':{'containers':[{'name':'a'}]},'status':{'phase':'Running','containerStatuses':"
            + "[{'name':'a','restartCount':4,'state':{'waiting':{'reason':'CrashLoopBackOff'}},"
            + "'lastState':{'terminated':{'exitCode':1,'finishedAt':'2025-01-01T11:58:30Z'}}}]}}";
    assertThat(cell(pods, "Status", crashing)).isEqualTo("CrashLoopBackOff");
    assertThat(cell(pods, "Restarts", crashing)).isEqualTo("4 (90s ago)");

    String completed =
        "{'spec':{'containers':[{'name':'a'}]},'status':{'phase':'Succeeded','containerStatuses':"
            + "[{'name':'a','state':{'terminated':{'exitCode':0,'reason':'Completed'}}}]}}";
    assertThat(cell(pods, "Status", completed)).isEqualTo("Completed");

    String killed =
        "{'spec':{'containers':[{'name':'a'}]},'status':{'phase':'Failed','containerStatuses':"
            + "[{'name':'a','state':{'terminated':{'exitCode':137,'signal':9}}}]}}";
    assertThat(cell(pods, "Status", killed)).isEqualTo("Signal:9");

    String terminating =
        "{'metadata':{'deletionTimestamp':'2025-01-01T11:59:00Z'},'spec':{'containers':"
            + "[{'name':'a'}]},'status':{'phase':'Running','containerStatuses':[{'name':'a',"
            + "'ready':true,'state':{'running':{}}}]}}";
    assertThat(cell(pods, "Status", terminating)).isEqualTo("Terminating");
    assertThat(cell(pods, "Ready", terminating)).isEqualTo("1/1");
  }

  @Test
  void initContainersShowTheirStepUntilThePodIsInitialized() throws Exception {
    ResourceType pods = kind("", "v1", "pods");
    String spec =
        "'spec':{'initContainers':[{'name':'i1'},{'name':'i2'},{'name':'side',"
            + "'restartPolicy':'Always'}],'containers':[{'name':'a'}]}";
    String running =
        "{"
            + spec
            + ",'status':{'phase':'Pending','initContainerStatuses':[{'name':'i1','state':"
            + "{'terminated':{'exitCode':0}}},{'name':'i2','state':{'running':{}}}]}}";
    assertThat(cell(pods, "Status", running)).isEqualTo("Init:1/3");
    assertThat(cell(pods, "Ready", running)).isEqualTo("0/2");

    String failing =
        "{"
            + spec
            + ",'status':{'phase':'Pending','initContainerStatuses':[{'name':'i1','restartCount':2,"
            + "'state':{'waiting':{'reason':'CrashLoopBackOff'}}}]}}";
    assertThat(cell(pods, "Status", failing)).isEqualTo("Init:CrashLoopBackOff");
    assertThat(cell(pods, "Restarts", failing)).isEqualTo("2");
  }

  @Test
  void workloadsShowCountsContainersImagesAndSelectors() throws Exception {
    ResourceType deployments = kind("apps", "v1", "deployments");
    assertThat(headers(deployments))
        .containsExactly(
            "NAME",
            "READY",
            "UP-TO-DATE",
            "AVAILABLE",
            "AGE",
            "CONTAINERS*",
            "IMAGES*",
            "SELECTOR*");
    String deployment =
        "{'metadata':{'name':'web','creationTimestamp':'2024-12-29T12:00:00Z'},'spec':"
            + "{'replicas':3,'selector':{'matchLabels':{'app':'web'},'matchExpressions':"
            + "[{'key':'tier','operator':'In','values':['b','a']},{'key':'legacy','operator':"
            + "'DoesNotExist'}]},'template':{'spec':{'containers':[{'name':'nginx','image':"
            + "'nginx:1'},{'name':'log','image':'busybox'}]}}},'status':{'readyReplicas':2,"
            + "'updatedReplicas':3,'availableReplicas':2}}";
    assertThat(cells(deployments, deployment))
        .containsExactly(
            "web",
            "2/3",
            "3",
            "2",
            "3d",
            "nginx,log",
            "nginx:1,busybox",
            "app=web,!legacy,tier in (a,b)");

    assertThat(headers(kind("apps", "v1", "daemonsets")))
        .containsExactly(
            "NAME",
            "DESIRED",
            "CURRENT",
            "READY",
            "UP-TO-DATE",
            "AVAILABLE",
            "NODE SELECTOR",
            "AGE",
            "CONTAINERS*",
            "IMAGES*",
            "SELECTOR*");
    assertThat(headers(kind("apps", "v1", "statefulsets")))
        .containsExactly("NAME", "READY", "AGE", "CONTAINERS*", "IMAGES*");
    assertThat(headers(kind("", "v1", "replicationcontrollers")))
        .containsExactly(
            "NAME", "DESIRED", "CURRENT", "READY", "AGE", "CONTAINERS*", "IMAGES*", "SELECTOR*");
    assertThat(cell(kind("apps", "v1", "replicasets"), "Selector", "{'spec':{'selector':{}}}"))
        .isEqualTo("<none>");
  }

  @Test
  void jobsAndCronJobsShowStatusCompletionsDurationAndSchedule() throws Exception {
    ResourceType jobs = kind("batch", "v1", "jobs");
    assertThat(headers(jobs))
        .containsExactly(
            "NAME",
            "STATUS",
            "COMPLETIONS",
            "DURATION",
            "AGE",
            "CONTAINERS*",
            "IMAGES*",
            "SELECTOR*");
    String done =
        "{'spec':{'completions':3},'status':{'succeeded':3,'startTime':'2025-01-01T11:00:00Z',"
            + "'completionTime':'2025-01-01T11:00:42Z','conditions':[{'type':'Complete',"
            + "'status':'True'}]}}";
    assertThat(cell(jobs, "Status", done)).isEqualTo("Complete");
    assertThat(cell(jobs, "Completions", done)).isEqualTo("3/3");
    assertThat(cell(jobs, "Duration", done)).isEqualTo("42s");
    String running = "{'spec':{'parallelism':2},'status':{'startTime':'2025-01-01T11:55:00Z'}}";
    assertThat(cell(jobs, "Status", running)).isEqualTo("Running");
    assertThat(cell(jobs, "Completions", running)).isEqualTo("0/1 of 2");
    assertThat(cell(jobs, "Duration", running)).isEqualTo("5m");

    ResourceType cronJobs = kind("batch", "v1", "cronjobs");
    assertThat(headers(cronJobs))
        .containsExactly(
            "NAME",
            "SCHEDULE",
            "TIMEZONE",
            "SUSPEND",
            "ACTIVE",
            "LAST SCHEDULE",
            "AGE",
            "CONTAINERS*",
            "IMAGES*",
            "SELECTOR*");
    assertThat(
            cells(
                cronJobs,
                "{'metadata':{'name':'c','creationTimestamp':'2025-01-01T10:00:00Z'},'spec':"
                    + "{'schedule':'*/5 * * * *','suspend':false,'jobTemplate':{'spec':"
                    + "{'template':{'spec':{'containers':[{'name':'x','image':'busybox'}]}}}}},"
                    + "'status':{'active':[{}],'lastScheduleTime':'2025-01-01T11:59:00Z'}}"))
        .containsExactly(
            "c", "*/5 * * * *", "<none>", "False", "1", "60s", "120m", "x", "busybox", "<none>");
  }

  @Test
  void servicesShowTypeAddressesAndPorts() throws Exception {
    ResourceType services = kind("", "v1", "services");
    assertThat(headers(services))
        .containsExactly(
            "NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE", "SELECTOR*");
    String loadBalancer =
        "{'metadata':{'name':'lb'},'spec':{'type':'LoadBalancer','clusterIPs':['10.0.0.9'],"
            + "'ports':[{'port':80,'nodePort':30080,'protocol':'TCP'},{'port':53,'protocol':'UDP'}],"
            + "'selector':{'b':'2','a':'1'}}}";
    assertThat(cells(services, loadBalancer).subList(0, 5))
        .containsExactly("lb", "LoadBalancer", "10.0.0.9", "<pending>", "80:30080/TCP,53/UDP");
    assertThat(cell(services, "Selector", loadBalancer)).isEqualTo("a=1,b=2");
    assertThat(cell(services, "Selector", "{'spec':{'type':'ClusterIP'}}")).isEqualTo("<none>");
  }

  @Test
  void endpointListsShowThreeAndCountTheRest() throws Exception {
    String endpoints =
        "{'subsets':[{'addresses':[{'ip':'10.1.0.1'},{'ip':'10.1.0.2'},{'ip':'fd00::3'},"
            + "{'ip':'10.1.0.4'}],'ports':[{'port':8080}]}]}";
    assertThat(cell(kind("", "v1", "endpoints"), "Endpoints", endpoints))
        .isEqualTo("10.1.0.1:8080,10.1.0.2:8080,[fd00::3]:8080 + 1 more...");
    assertThat(cell(kind("", "v1", "endpoints"), "Endpoints", "{}")).isEqualTo("<none>");
    ResourceType slices = kind("discovery.k8s.io", "v1", "endpointslices");
    assertThat(headers(slices)).containsExactly("NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE");
    assertThat(cell(slices, "Endpoints", "{'endpoints':[]}")).isEqualTo("<unset>");
    assertThat(cell(slices, "Ports", "{'ports':[{'port':80},{'name':'http'}]}"))
        .isEqualTo("80,http");
  }

  @Test
  void eventsOfBothApisShowLastSeenTypeReasonObjectMessage() throws Exception {
    List<String> expected =
        List.of(
            "LAST SEEN",
            "TYPE",
            "REASON",
            "OBJECT",
            "SUBOBJECT*",
            "SOURCE*",
            "MESSAGE",
            "FIRST SEEN*",
            "COUNT*",
            "NAME*");
    ResourceType core = kind("", "v1", "events");
    ResourceType events = kind("events.k8s.io", "v1", "events");
    assertThat(headers(core)).isEqualTo(expected);
    assertThat(headers(events)).isEqualTo(expected);
    assertThat(
            cells(
                core,
                "{'metadata':{'name':'e1'},'involvedObject':{'kind':'Pod','name':'web-1'},"
                    + "'reason':'Pulled','message':' done ','type':'Normal','source':"
                    + "{'component':'kubelet','host':'node-a'},'count':3,"
                    + "'firstTimestamp':'2025-01-01T11:00:00Z','lastTimestamp':'2025-01-01T11:59:50Z'}"))
        .containsExactly(
            "10s",
            "Normal",
            "Pulled",
            "pod/web-1",
            "",
            "kubelet, node-a",
            "done",
            "60m",
            "3",
            "e1");
    assertThat(
            cells(
                events,
                "{'metadata':{'name':'e2'},'regarding':{'kind':'Node','name':'n'},'note':'hi',"
                    + "'type':'Warning','reason':'X','reportingController':'ctl',"
                    + "'eventTime':'2025-01-01T11:59:30.000000Z'}"))
        .containsExactly("30s", "Warning", "X", "node/n", "", "ctl", "hi", "30s", "1", "e2");
  }

  @Test
  void nodesShowReadinessRolesAndWideSystemInfo() throws Exception {
    ResourceType nodes = kind("", "v1", "nodes");
    assertThat(
            cells(
                nodes,
                "{'metadata':{'name':'n1','creationTimestamp':'2025-01-01T11:00:00Z','labels':"
                    + "{'node-role.kubernetes.io/control-plane':'','kubernetes.io/role':'edge'}},"
                    + "'spec':{'unschedulable':true},'status':{'conditions':[{'type':'Ready',"
                    + "'status':'False'}],'nodeInfo':{'kubeletVersion':'v1.32.0','osImage':'Debian'},"
                    + "'addresses':[{'type':'InternalIP','address':'10.0.0.2'}]}}"))
        .containsExactly(
            "n1",
            "NotReady,SchedulingDisabled",
            "control-plane,edge",
            "60m",
            "v1.32.0",
            "10.0.0.2",
            "<none>",
            "Debian",
            "<unknown>",
            "<unknown>");
  }

  @Test
  void autoscalersShowTargetsOfBothVersions() throws Exception {
    ResourceType v2 = kind("autoscaling", "v2", "horizontalpodautoscalers");
    assertThat(headers(v2))
        .containsExactly("NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS", "AGE");
    String hpa =
        "{'spec':{'scaleTargetRef':{'kind':'Deployment','name':'web'},'maxReplicas':5,"
            + "'metrics':[{'type':'Resource','resource':{'name':'cpu','target':{'type':"
            + "'Utilization','averageUtilization':80}}},{'type':'Pods','pods':{'target':"
            + "{'averageValue':'10'}}},{'type':'Resource','resource':{'name':'memory','target':"
            + "{'averageValue':'1Gi'}}}]},'status':{'currentReplicas':2,'currentMetrics':"
            + "[{'type':'Resource','resource':{'name':'cpu','current':{'averageUtilization':12}}}]}}";
    assertThat(cells(v2, hpa).subList(1, 6))
        .containsExactly(
            "Deployment/web", "cpu: 12%/80%, <unknown>/10 + 1 more...", "<unset>", "5", "2");
    assertThat(
            cell(
                kind("autoscaling", "v1", "horizontalpodautoscalers"),
                "Targets",
                "{'spec':{'targetCPUUtilizationPercentage':50}}"))
        .isEqualTo("cpu: <unknown>/50%");
  }

  @Test
  void kindsWithoutAPrinterShowNameAndCreatedAt() throws Exception {
    for (ResourceType type :
        List.of(
            kind("rbac.authorization.k8s.io", "v1", "roles"),
            kind("rbac.authorization.k8s.io", "v1", "clusterroles"),
            kind("", "v1", "limitranges"))) {
      assertThat(headers(type)).containsExactly("NAME", "CREATED AT");
      assertThat(
              cells(type, "{'metadata':{'name':'r','creationTimestamp':'2025-01-01T00:00:00Z'}}"))
          .containsExactly("r", "2025-01-01T00:00:00Z");
    }
    ResourceType bindings = kind("rbac.authorization.k8s.io", "v1", "rolebindings");
    assertThat(
            cells(
                bindings,
                "{'metadata':{'name':'b'},'roleRef':{'kind':'Role','name':'r'},'subjects':["
                    + "{'kind':'User','name':'u1'},{'kind':'User','name':'u2'},{'kind':"
                    + "'ServiceAccount','namespace':'ns','name':'sa'}]}"))
        .containsExactly("b", "Role/r", "<unknown>", "u1, u2", "", "ns/sa");
  }

  @Test
  void storageKindsShowClassesModesAndTheDefaultClass() throws Exception {
    ResourceType claims = kind("", "v1", "persistentvolumeclaims");
    assertThat(headers(claims))
        .containsExactly(
            "NAME",
            "STATUS",
            "VOLUME",
            "CAPACITY",
            "ACCESS MODES",
            "STORAGECLASS",
            "VOLUMEATTRIBUTESCLASS",
            "AGE",
            "VOLUMEMODE*");
    assertThat(
            cells(
                claims,
                "{'metadata':{'name':'c'},'spec':{'volumeName':'pv1','storageClassName':'fast',"
                    + "'volumeMode':'Filesystem'},'status':{'phase':'Bound','capacity':"
                    + "{'storage':'1Gi'},'accessModes':['ReadWriteMany','ReadWriteOnce']}}"))
        .containsExactly(
            "c", "Bound", "pv1", "1Gi", "RWO,RWX", "fast", "<unset>", "<unknown>", "Filesystem");
    assertThat(
            cell(
                kind("storage.k8s.io", "v1", "storageclasses"),
                "Name",
                "{'metadata':{'name':'std','annotations':"
                    + "{'storageclass.kubernetes.io/is-default-class':'true'}}}"))
        .isEqualTo("std (default)");
  }
}
