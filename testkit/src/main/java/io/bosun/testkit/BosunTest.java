package io.bosun.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against a real Bosun apiserver, started once for the whole test run by {@link
 * BosunExtension}. Test methods may take a {@code KubeClient}, a {@link TestNamespace}, a {@code
 * ClusterConfig} or the {@link BosunApiServer} as parameters.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(BosunExtension.class)
public @interface BosunTest {}
