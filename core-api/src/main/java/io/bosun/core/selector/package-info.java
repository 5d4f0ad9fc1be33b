/** Kubernetes label and field selectors: parsing the query-string syntax and matching objects. */
package io.bosun.core.selector;
