/** Request parsing and response encoding behind the endpoints. */
package io.bosun.apiserver.endpoints.internal;
