/**
 * The test kit (not written yet): a JUnit 5 extension that starts a real Bosun apiserver, the
 * apiserver module's packaged application, as a child process on an ephemeral port with its
 * embedded PostgreSQL, once per test run, and gives each test a client and a fresh namespace, as
 * envtest does for Go controllers.
 */
package io.bosun.testkit;
