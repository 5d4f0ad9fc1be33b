/**
 * Server-side apply and field management: the field-set algebra ({@link
 * io.bosun.apiserver.apply.FieldPath}, {@link io.bosun.apiserver.apply.FieldSet} and their {@link
 * io.bosun.apiserver.apply.FieldsV1} encoding), the merge types read from OpenAPI v3 schemas
 * ({@link io.bosun.apiserver.apply.MergeType}), the apply merge with pruning of dropped fields, and
 * the {@code metadata.managedFields} bookkeeping of every write ({@link
 * io.bosun.apiserver.apply.FieldManager}). Knows nothing of storage or HTTP; the registry calls it
 * on each write.
 */
package io.bosun.apiserver.apply;
