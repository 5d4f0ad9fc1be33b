package io.bosun.bench.josdk;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The benchmark's custom resource, {@code benchitems.bench.bosun.io/v1}: both SDKs read it into
 * this one class.
 */
@Group(BenchItem.GROUP)
@Version(BenchItem.VERSION)
@Plural(BenchItem.PLURAL)
public class BenchItem extends CustomResource<BenchItem.Spec, BenchItem.Status>
    implements Namespaced {
  private static final long serialVersionUID = 1L;

  static final String GROUP = "bench.bosun.io";
  static final String VERSION = "v1";
  static final String PLURAL = "benchitems";
  static final String KIND = "BenchItem";

  /** The name of the {@code index}-th item. */
  static String name(int index) {
    return String.format("item-%05d", index);
  }

  /** The index in an item's name, as {@link #name(int)} writes it. */
  static int index(String name) {
    return Integer.parseInt(name, name.lastIndexOf('-') + 1, name.length(), 10);
  }

  /**
   * What the load generator writes: {@code round} counts its passes over all items, {@code stamp}
   * is the wall-clock time in microseconds since the epoch just before the write was sent. The
   * other fields give the object a realistic size.
   */
  public static class Spec {
    private long round;
    private long stamp;
    private int replicas;
    private String image;
    private String message;

    public long getRound() {
      return round;
    }

    public void setRound(long round) {
      this.round = round;
    }

    public long getStamp() {
      return stamp;
    }

    public void setStamp(long stamp) {
      this.stamp = stamp;
    }

    public int getReplicas() {
      return replicas;
    }

    public void setReplicas(int replicas) {
      this.replicas = replicas;
    }

    public String getImage() {
      return image;
    }

    public void setImage(String image) {
      this.image = image;
    }

    public String getMessage() {
      return message;
    }

    public void setMessage(String message) {
      this.message = message;
    }
  }

  /** Never written by the no-op reconcilers; present so that the CRD has a status subresource. */
  public static class Status {
    private long observedRound;

    public long getObservedRound() {
      return observedRound;
    }

    public void setObservedRound(long observedRound) {
      this.observedRound = observedRound;
    }
  }
}
