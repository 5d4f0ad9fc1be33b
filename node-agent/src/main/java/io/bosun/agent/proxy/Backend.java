package io.bosun.agent.proxy;

/**
 * One endpoint connections are forwarded to.
 *
 * @param ip the endpoint's address
 * @param port the port its Service port resolves to there
 */
record Backend(String ip, int port) {
  @Override
  public String toString() {
    return ip + ":" + port;
  }
}
