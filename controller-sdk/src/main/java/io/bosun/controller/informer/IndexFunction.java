package io.bosun.controller.informer;

import java.util.List;

/**
 * Computes the values under which an object is indexed, such as the names of the Secrets a Pod
 * mounts or its owner's uid. Called on the informer's thread for every stored version of an object.
 *
 * @param <T> the Java type of the kind's objects
 */
@FunctionalInterface
public interface IndexFunction<T> {

  /** The index values of {@code object}; empty when it belongs under none. */
  List<String> values(T object);
}
