package io.bosun.apiserver.registry;

/** How a kind's object names are validated. */
public enum NameRule {
  /** A lowercase RFC 1123 subdomain of at most 253 characters (ConfigMaps, Secrets, ...). */
  DNS1123_SUBDOMAIN,
  /** A lowercase RFC 1123 label of at most 63 characters (Namespaces, Services, ...). */
  DNS1123_LABEL,
  /**
   * Any name usable as one path segment: not {@code .} or {@code ..}, no {@code /} or {@code %}.
   */
  PATH_SEGMENT
}
