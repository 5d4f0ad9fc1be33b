/** The namespace lifecycle controller: empties a Terminating namespace, then finalizes it. */
package io.bosun.controllers.namespace;
