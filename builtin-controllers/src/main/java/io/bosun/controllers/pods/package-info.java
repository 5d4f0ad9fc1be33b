/** What controllers read from pods: activity, readiness, availability, and deletion order. */
package io.bosun.controllers.pods;
