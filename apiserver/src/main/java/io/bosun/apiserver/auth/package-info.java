/**
 * Who is calling and what they may do: the {@link io.bosun.apiserver.auth.Authenticator} and {@link
 * io.bosun.apiserver.auth.Authorizer} interfaces of the request filter chain, a static bearer-token
 * authenticator and, until RBAC arrives, an allow-all authorizer.
 */
package io.bosun.apiserver.auth;
