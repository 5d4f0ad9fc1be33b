/**
 * Controller references and claiming: which objects a controller manages, adopting orphans its
 * selector selects and releasing those it no longer selects.
 */
package io.bosun.controllers.ownership;
