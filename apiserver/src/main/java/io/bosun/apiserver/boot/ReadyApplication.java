package io.bosun.apiserver.boot;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Runs once Quarkus has fully started (storage up, HTTPS listening): prints the ready line and then
 * waits for shutdown. Quarkus instantiates it by its no-argument constructor.
 */
@RegisterForReflection
public final class ReadyApplication implements QuarkusApplication {

  /** Called by Quarkus only. */
  public ReadyApplication() {}

  @Override
  public int run(String... args) {
    System.out.println(ApiServerBoot.readyLine());
    System.out.flush();
    Quarkus.waitForExit();
    return 0;
  }
}
