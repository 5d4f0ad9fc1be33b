/**
 * The built-in controllers (not written yet), one package each, written with the controller SDK as
 * any operator would be: ReplicaSet, Deployment, garbage collector, Namespace lifecycle,
 * EndpointSlice, scheduler, node lifecycle, Job, CronJob, DaemonSet, StatefulSet, ServiceAccount,
 * ResourceQuota, HPA, DNS. {@code bosun server} will run them in-process.
 */
package io.bosun.controllers;
