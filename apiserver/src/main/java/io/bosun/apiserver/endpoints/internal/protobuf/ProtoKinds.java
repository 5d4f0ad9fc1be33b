package io.bosun.apiserver.endpoints.internal.protobuf;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Authentication;
import io.kubernetes.client.proto.V1Authorization;
import io.kubernetes.client.proto.V1Autoscaling;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Policy;
import io.kubernetes.client.proto.V1Rbac;
import io.kubernetes.client.proto.V1Scheduling;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds whose protobuf bodies can be decoded: {@code apiVersion} and {@code kind} to the parser
 * of the generated message. Adding a kind is one line; a kind listed here that the registry does
 * not serve is refused by the registry as usual.
 */
final class ProtoKinds {
  private static final Map<String, Parser<? extends Message>> PARSERS =
      Map.ofEntries(
          kind("v1", "ConfigMap", V1.ConfigMap.parser()),
          kind("v1", "Secret", V1.Secret.parser()),
          kind("v1", "Namespace", V1.Namespace.parser()),
          kind("v1", "Pod", V1.Pod.parser()),
          kind("v1", "Service", V1.Service.parser()),
          kind("v1", "ServiceAccount", V1.ServiceAccount.parser()),
          kind("v1", "ResourceQuota", V1.ResourceQuota.parser()),
          kind("v1", "Binding", V1.Binding.parser()),
          kind("apps/v1", "Deployment", V1Apps.Deployment.parser()),
          // What kubectl auth can-i and whoami send.
          kind(
              "authentication.k8s.io/v1",
              "SelfSubjectReview",
              V1Authentication.SelfSubjectReview.parser()),
          kind("authentication.k8s.io/v1", "TokenReview", V1Authentication.TokenReview.parser()),
          kind(
              "authorization.k8s.io/v1",
              "SelfSubjectAccessReview",
              V1Authorization.SelfSubjectAccessReview.parser()),
          kind(
              "authorization.k8s.io/v1",
              "SelfSubjectRulesReview",
              V1Authorization.SelfSubjectRulesReview.parser()),
          kind(
              "authorization.k8s.io/v1",
              "SubjectAccessReview",
              V1Authorization.SubjectAccessReview.parser()),
          kind(
              "authorization.k8s.io/v1",
              "LocalSubjectAccessReview",
              V1Authorization.LocalSubjectAccessReview.parser()),
          kind(
              "autoscaling/v1",
              "HorizontalPodAutoscaler",
              V1Autoscaling.HorizontalPodAutoscaler.parser()),
          kind("batch/v1", "Job", V1Batch.Job.parser()),
          kind("batch/v1", "CronJob", V1Batch.CronJob.parser()),
          kind("networking.k8s.io/v1", "Ingress", V1Networking.Ingress.parser()),
          kind("policy/v1", "PodDisruptionBudget", V1Policy.PodDisruptionBudget.parser()),
          kind("policy/v1", "Eviction", V1Policy.Eviction.parser()),
          kind("rbac.authorization.k8s.io/v1", "Role", V1Rbac.Role.parser()),
          kind("rbac.authorization.k8s.io/v1", "RoleBinding", V1Rbac.RoleBinding.parser()),
          kind("rbac.authorization.k8s.io/v1", "ClusterRole", V1Rbac.ClusterRole.parser()),
          kind(
              "rbac.authorization.k8s.io/v1",
              "ClusterRoleBinding",
              V1Rbac.ClusterRoleBinding.parser()),
          kind("scheduling.k8s.io/v1", "PriorityClass", V1Scheduling.PriorityClass.parser()));

  private ProtoKinds() {}

  /** Returns the parser for the message of {@code kind} in {@code apiVersion}, if one is known. */
  static Optional<Parser<? extends Message>> parser(String apiVersion, String kind) {
    return Optional.ofNullable(PARSERS.get(apiVersion + "/" + kind));
  }

  private static Map.Entry<String, Parser<? extends Message>> kind(
      String apiVersion, String kind, Parser<? extends Message> parser) {
    return Map.entry(apiVersion + "/" + kind, parser);
  }
}
