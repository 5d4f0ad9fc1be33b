package io.bosun.testkit.manager;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** A custom kind whose definition the test server does not have: its informer never syncs. */
@Group("example.com")
@Version("v1")
@Kind("Widget")
@Plural("widgets")
public class Widget extends GenericKubernetesResource implements Namespaced {}
