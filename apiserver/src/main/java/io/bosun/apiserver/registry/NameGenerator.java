package io.bosun.apiserver.registry;

import java.security.SecureRandom;
import java.util.Random;

/** Turns a {@code metadata.generateName} prefix into a name, as Kubernetes' name generator does. */
@FunctionalInterface
public interface NameGenerator {

  /** The characters of generated suffixes: no vowels, no look-alikes (Kubernetes' alphabet). */
  String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  /** The length of generated suffixes. */
  int SUFFIX_LENGTH = 5;

  /** The most of a prefix that is kept, so that prefix plus suffix fit in 63 characters. */
  int MAX_PREFIX_LENGTH = 63 - SUFFIX_LENGTH;

  /** Returns a name starting with (a truncation of) {@code prefix}. */
  String generate(String prefix);

  /** A generator with random suffixes. */
  static NameGenerator random() {
    Random random = new SecureRandom();
    return prefix -> {
      String base =
          prefix.length() > MAX_PREFIX_LENGTH ? prefix.substring(0, MAX_PREFIX_LENGTH) : prefix;
      StringBuilder name = new StringBuilder(base);
      for (int i = 0; i < SUFFIX_LENGTH; i++) {
        name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      return name.toString();
    };
  }
}
