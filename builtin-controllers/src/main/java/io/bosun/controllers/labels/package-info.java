/** Label selectors of the workload kinds, matched against an object's labels. */
package io.bosun.controllers.labels;
