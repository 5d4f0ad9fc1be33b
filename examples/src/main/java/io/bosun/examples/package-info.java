/**
 * Example operators written with the controller SDK as a third party would write them, each in its
 * own package with its CustomResourceDefinition, a README and an integration test against a real
 * apiserver started by the test kit.
 */
package io.bosun.examples;
