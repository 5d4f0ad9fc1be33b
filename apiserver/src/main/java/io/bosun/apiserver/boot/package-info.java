/**
 * Starts the apiserver as a program: reads the server options, prepares the data directory (admin
 * token, serving certificates, kubeconfig), starts an embedded PostgreSQL when no database is
 * configured, checks that the database answers, and then hands over to Quarkus.
 *
 * <p>{@link io.bosun.apiserver.boot.ApiServerBoot} is the entry point that both the apiserver-only
 * application ({@link io.bosun.apiserver.boot.ApiServerMain}) and the {@code bosun} command use.
 * Nothing here runs inside a request; this is the one place that prints to the terminal.
 */
package io.bosun.apiserver.boot;
