/**
 * CEL validation rules ({@code x-kubernetes-validations}) on cel-java: types from the schema,
 * compile-time and cost checks of a definition, and evaluation on objects.
 */
package io.bosun.apiserver.registry.crd.cel;
