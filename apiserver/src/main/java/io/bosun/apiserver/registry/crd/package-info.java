/**
 * CustomResourceDefinitions: their strategy and validation, the controller that serves their
 * resources from the stored definitions (names, conditions, deletion), and the resource types of
 * the served versions. See docs/decisions/0006-custom-resource-definitions.md.
 */
package io.bosun.apiserver.registry.crd;
