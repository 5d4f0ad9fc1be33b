package io.bosun.examples.staticsite;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A static web site: {@code replicas} web servers serving {@code content} as their index page. The
 * custom resource {@code staticsites.examples.bosun.io/v1}, defined in {@code
 * static-site-crd.yaml}.
 *
 * <pre>{@code
 * apiVersion: examples.bosun.io/v1
 * kind: StaticSite
 * metadata: {name: hello}
 * spec: {replicas: 2, content: "<h1>Hello</h1>"}
 * }</pre>
 */
@Group("examples.bosun.io")
@Version("v1")
@JsonInclude(JsonInclude.Include.NON_NULL)
// Read as this class, not through fabric8's lookup by kind (which knows only its own kinds).
@JsonDeserialize(using = JsonDeserializer.None.class)
public final class StaticSite implements HasMetadata, Namespaced {
  private ObjectMeta metadata = new ObjectMeta();
  private Spec spec;
  private Status status;

  /**
   * What the user wants.
   *
   * @param replicas how many web servers to run
   * @param content the HTML of the index page
   */
  public record Spec(int replicas, String content) {}

  /**
   * What the operator observed.
   *
   * @param replicas the web servers the Deployment asks for
   * @param readyReplicas the web servers ready to serve
   * @param ready whether every web server is ready
   * @param url where the site is served inside the cluster
   */
  public record Status(int replicas, int readyReplicas, boolean ready, String url) {}

  @Override
  public ObjectMeta getMetadata() {
    return metadata;
  }

  @Override
  public void setMetadata(ObjectMeta metadata) {
    this.metadata = metadata;
  }

  /** The kind and version come from the class's annotations; nothing to set. */
  @Override
  public void setApiVersion(String version) {}

  public Spec getSpec() {
    return spec;
  }

  public void setSpec(Spec spec) {
    this.spec = spec;
  }

  public Status getStatus() {
    return status;
  }

  public void setStatus(Status status) {
    this.status = status;
  }
}
