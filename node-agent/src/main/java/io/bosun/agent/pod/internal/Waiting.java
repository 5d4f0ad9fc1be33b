package io.bosun.agent.pod.internal;

/** Why a container is not running: a waiting state's reason and message. */
record Waiting(String reason, String message) {
  static final String CONTAINER_CREATING = "ContainerCreating";
  static final String POD_INITIALIZING = "PodInitializing";
  static final String CRASH_LOOP_BACK_OFF = "CrashLoopBackOff";
  static final String ERR_IMAGE_PULL = "ErrImagePull";
  static final String IMAGE_PULL_BACK_OFF = "ImagePullBackOff";
  static final String CREATE_CONTAINER_CONFIG_ERROR = "CreateContainerConfigError";
  static final String CREATE_CONTAINER_ERROR = "CreateContainerError";
}
