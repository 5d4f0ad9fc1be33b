/**
 * The {@code bosun} command: parses the command line and starts the parts of the control plane that
 * run in this process: {@code bosun server} runs the apiserver (with its embedded PostgreSQL), the
 * built-in controllers ({@link io.bosun.server.InProcessControllers}) and, unless {@code
 * --no-agent}, a node agent for this machine ({@link io.bosun.server.InProcessAgent}).
 */
package io.bosun.server;
