/**
 * The controller SDK: write a level-based controller for any Kubernetes apiserver.
 *
 * <p>What is here today is the reconciler contract, in {@link io.bosun.controller.reconcile}. The
 * rest of the SDK will sit beside it, one package per concept: a reactive client over the Vert.x
 * WebClient, shared informers and their caches, a deduplicating work queue with per-key back-off,
 * the controller builder ({@code Controller.forResource(...).owns(...).watches(...)}), and the
 * manager that runs controllers with leader election.
 */
package io.bosun.controller;
