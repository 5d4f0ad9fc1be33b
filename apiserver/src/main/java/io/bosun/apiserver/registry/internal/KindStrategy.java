package io.bosun.apiserver.registry.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.apiserver.registry.Strategy;
import io.bosun.core.api.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A strategy assembled from parts: defaults applied on every write (as Kubernetes defaults every
 * decoded object), the status a new object starts with, and validation for create and update.
 */
final class KindStrategy implements Strategy {
  private final Consumer<ObjectNode> defaults;
  private final Consumer<ObjectNode> admitCreate;
  private final ObjectNode initialStatus;
  private final Function<ObjectNode, List<FieldError>> validate;
  private final BiFunction<ObjectNode, ObjectNode, List<FieldError>> validateUpdate;
  private final BiFunction<ObjectNode, Long, Long> gracePeriod;

  private KindStrategy(Builder b) {
    this.defaults = b.defaults;
    this.admitCreate = b.admitCreate;
    this.initialStatus = b.initialStatus;
    this.validate = b.validate;
    this.validateUpdate = b.validateUpdate;
    this.gracePeriod = b.gracePeriod;
  }

  static Builder builder() {
    return new Builder();
  }

  @Override
  public void prepareForCreate(ObjectNode object) {
    if (initialStatus != null) {
      object.set("status", initialStatus.deepCopy());
    }
    defaults.accept(object);
    admitCreate.accept(object);
  }

  @Override
  public void prepareForUpdate(ObjectNode object, ObjectNode old) {
    defaults.accept(object);
  }

  @Override
  public long gracePeriodSeconds(ObjectNode object, Long requested) {
    return gracePeriod.apply(object, requested);
  }

  @Override
  public List<FieldError> validate(ObjectNode object) {
    return validate.apply(object);
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode object, ObjectNode old) {
    List<FieldError> errors = new ArrayList<>(validate.apply(object));
    errors.addAll(validateUpdate.apply(object, old));
    return errors;
  }

  /** Builds a {@link KindStrategy}. */
  static final class Builder {
    private Consumer<ObjectNode> defaults = o -> {};
    private Consumer<ObjectNode> admitCreate = o -> {};
    private ObjectNode initialStatus;
    private Function<ObjectNode, List<FieldError>> validate = o -> List.of();
    private BiFunction<ObjectNode, ObjectNode, List<FieldError>> validateUpdate =
        (o, old) -> List.of();
    private BiFunction<ObjectNode, Long, Long> gracePeriod = (o, requested) -> 0L;

    /** Defaults applied to every created or updated object. Defaults to none. */
    Builder defaults(Consumer<ObjectNode> defaults) {
      this.defaults = defaults;
      return this;
    }

    /**
     * A mutating admission step for creates only, run after the defaults, as kube-apiserver's
     * admission plugins run on the defaulted object. Defaults to none.
     */
    Builder admitCreate(Consumer<ObjectNode> admitCreate) {
      this.admitCreate = admitCreate;
      return this;
    }

    /** Replaces a new object's status with {@code status}, as kube-apiserver resets it. */
    Builder initialStatus(ObjectNode status) {
      this.initialStatus = status;
      return this;
    }

    /** Validation of every object written. Defaults to none. */
    Builder validate(Function<ObjectNode, List<FieldError>> validate) {
      this.validate = validate;
      return this;
    }

    /** Validation an update adds, such as immutable fields. Defaults to none. */
    Builder validateUpdate(BiFunction<ObjectNode, ObjectNode, List<FieldError>> validateUpdate) {
      this.validateUpdate = validateUpdate;
      return this;
    }

    /** The grace period of a deletion given the one asked for. Defaults to none (0). */
    Builder gracePeriod(BiFunction<ObjectNode, Long, Long> gracePeriod) {
      this.gracePeriod = gracePeriod;
      return this;
    }

    KindStrategy build() {
      return new KindStrategy(this);
    }
  }
}
