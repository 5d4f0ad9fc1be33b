/**
 * The {@code bosun} command: parses the command line and starts the parts of the control plane that
 * run in this process. Today {@code bosun server} runs the apiserver (with its embedded
 * PostgreSQL); the built-in controllers and the node agent will join it here as they are built.
 */
package io.bosun.server;
