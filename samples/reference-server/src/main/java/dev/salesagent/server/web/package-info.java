/**
 * The web dashboard (issue 18): static HTML, CSS and JavaScript modules under {@code static/} in the jar, served at
 * {@code /} with Chart.js from its WebJar (no Node build, no CDN), plus the one public endpoint the page reads before
 * sign-in ({@link dev.salesagent.server.web.DashboardConfigController}).
 */
package dev.salesagent.server.web;
