/**
 * Decodes Kubernetes protobuf request bodies ({@code application/vnd.kubernetes.protobuf}, sent by
 * kubectl's typed commands) into the JSON documents the REST layer handles. {@link ProtobufBody} is
 * the entry point; {@code ProtoKinds} is the table of kinds it can decode.
 */
package io.bosun.apiserver.endpoints.internal.protobuf;
