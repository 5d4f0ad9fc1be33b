package io.bosun.apiserver.registry;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes' order of API versions ({@code version.CompareKubeAwareVersionStrings}): GA before
 * beta before alpha, higher major and minor numbers first, and versions that do not look like
 * Kubernetes versions last, alphabetically. Discovery lists versions in this order and prefers the
 * first.
 */
public final class VersionPriority {
  private static final Pattern KUBE_VERSION = Pattern.compile("^v(\\d+)(?:(alpha|beta)(\\d+))?$");

  /** Highest priority first. */
  public static final Comparator<String> ORDER = VersionPriority::compare;

  private VersionPriority() {}

  /** Negative when {@code a} has the higher priority. */
  public static int compare(String a, String b) {
    Matcher ma = KUBE_VERSION.matcher(a);
    Matcher mb = KUBE_VERSION.matcher(b);
    boolean kubeA = ma.matches();
    boolean kubeB = mb.matches();
    if (!kubeA || !kubeB) {
      if (kubeA != kubeB) {
        return kubeA ? -1 : 1;
      }
      return a.compareTo(b);
    }
    int stability = Integer.compare(stability(mb.group(2)), stability(ma.group(2)));
    if (stability != 0) {
      return stability;
    }
    int major = Long.compare(Long.parseLong(mb.group(1)), Long.parseLong(ma.group(1)));
    if (major != 0) {
      return major;
    }
    long minorA = ma.group(3) == null ? 0 : Long.parseLong(ma.group(3));
    long minorB = mb.group(3) == null ? 0 : Long.parseLong(mb.group(3));
    return Long.compare(minorB, minorA);
  }

  private static int stability(String qualifier) {
    if (qualifier == null) {
      return 2;
    }
    return qualifier.equals("beta") ? 1 : 0;
  }
}
