/**
 * The StaticSite operator: a {@link io.bosun.examples.staticsite.StaticSite} (replicas and the HTML
 * of a page) becomes a ConfigMap, a Deployment of web servers and a Service, and its status reports
 * how many web servers are ready. {@link io.bosun.examples.staticsite.StaticSiteReconciler} is the
 * whole logic; {@link io.bosun.examples.staticsite.StaticSiteOperator} runs it.
 */
package io.bosun.examples.staticsite;
