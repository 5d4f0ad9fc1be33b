package io.bosun.controller.events.internal;

/**
 * What makes two events the same event, so that the second counts into the first: the objects, the
 * type, the reason, the action and the note (the reporter is the recorder's own).
 */
record EventKey(
    ObjectRef regarding,
    ObjectRef related,
    String type,
    String reason,
    String action,
    String note) {}
