package io.bosun.controller.client.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one Jackson mapper of the client, configured for Kubernetes objects. */
public final class Json {
  /**
   * Reads unknown fields without failing (a newer server may add some) and writes what the objects
   * hold; the fabric8 model classes leave out their own null fields. Java time types are known, for
   * the fabric8 fields that model a MicroTime as {@code ZonedDateTime} with their own format.
   */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .addModule(new JavaTimeModule())
          .build();

  private Json() {}
}
