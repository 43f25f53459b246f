/**
 * Prometheus metrics of the ingester, in prom-client's default registry (the API's /metrics serves
 * them in the all-in-one process; main.ts serves them on its own port). Created once per process,
 * so starting several ingesters in one process (tests) shares them.
 */
import client from 'prom-client';

function once<T>(name: string, make: () => T): T {
  return (client.register.getSingleMetric(name) as T | undefined) ?? make();
}

export interface IngestMetrics {
  received: client.Counter<'format'>;
  stored: client.Counter;
  duplicates: client.Counter;
  deadLetters: client.Counter<'reason'>;
  batchSize: client.Histogram;
  batchSeconds: client.Histogram;
  lagSeconds: client.Histogram;
  readingAgeSeconds: client.Gauge;
  inFlight: client.Gauge;
  dbRetries: client.Counter;
  alertsRaised: client.Counter<'kind'>;
  collectionEvents: client.Counter;
  subscriptionIdleSeconds: client.Gauge<'subscription'>;
  subscriptionGranted: client.Gauge<'subscription'>;
  subscriptionStalled: client.Gauge<'subscription'>;
  subscriptionStalls: client.Counter<'subscription' | 'reason'>;
}

let metrics: IngestMetrics | undefined;

export function ingestMetrics(): IngestMetrics {
  metrics ??= {
    received: once('ingest_messages_received_total', () => new client.Counter({
      name: 'ingest_messages_received_total', help: 'MQTT messages received, by payload format', labelNames: ['format'] as const })),
    stored: once('ingest_readings_stored_total', () => new client.Counter({
      name: 'ingest_readings_stored_total', help: 'Readings committed as new rows' })),
    duplicates: once('ingest_readings_duplicate_total', () => new client.Counter({
      name: 'ingest_readings_duplicate_total', help: 'Readings already stored (replay or redelivery), not written again' })),
    deadLetters: once('ingest_dead_letters_total', () => new client.Counter({
      name: 'ingest_dead_letters_total', help: 'Messages stored as dead letters, by reason', labelNames: ['reason'] as const })),
    batchSize: once('ingest_batch_size', () => new client.Histogram({
      name: 'ingest_batch_size', help: 'Messages per committed batch', buckets: [1, 10, 50, 100, 250, 500, 1000, 2500, 5000, 10000] })),
    batchSeconds: once('ingest_batch_duration_seconds', () => new client.Histogram({
      name: 'ingest_batch_duration_seconds', help: 'Time to commit one batch (including retries)', buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] })),
    lagSeconds: once('ingest_lag_seconds', () => new client.Histogram({
      name: 'ingest_lag_seconds', help: 'From MQTT receipt to commit, per batch (oldest message)', buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] })),
    readingAgeSeconds: once('ingest_reading_age_seconds', () => new client.Gauge({
      name: 'ingest_reading_age_seconds', help: 'Age of the newest reading of the last batch at commit (measurement → stored)' })),
    inFlight: once('ingest_inflight_messages', () => new client.Gauge({
      name: 'ingest_inflight_messages', help: 'Messages received and not yet acknowledged' })),
    dbRetries: once('ingest_db_retries_total', () => new client.Counter({
      name: 'ingest_db_retries_total', help: 'Batch commits retried after a database error' })),
    alertsRaised: once('ingest_alerts_raised_total', () => new client.Counter({
      name: 'ingest_alerts_raised_total', help: 'Alerts raised, by kind', labelNames: ['kind'] as const })),
    collectionEvents: once('ingest_collection_events_total', () => new client.Counter({
      name: 'ingest_collection_events_total', help: 'Emptyings detected from a sharp drop in fill level' })),
    subscriptionIdleSeconds: once('ingest_subscription_idle_seconds', () => new client.Gauge({
      name: 'ingest_subscription_idle_seconds', help: 'Seconds since the subscription last delivered a message (or was granted, if later); -1 before either',
      labelNames: ['subscription'] as const })),
    subscriptionGranted: once('ingest_subscription_granted', () => new client.Gauge({
      name: 'ingest_subscription_granted', help: '1 when the broker granted the subscription on the current connection', labelNames: ['subscription'] as const })),
    subscriptionStalled: once('ingest_subscription_stalled', () => new client.Gauge({
      name: 'ingest_subscription_stalled', help: '1 while the subscription delivers nothing although the broker is up and traffic is expected',
      labelNames: ['subscription'] as const })),
    subscriptionStalls: once('ingest_subscription_stalls_total', () => new client.Counter({
      name: 'ingest_subscription_stalls_total', help: 'Subscription stalls detected (each answered with a forced SUBSCRIBE), by reason',
      labelNames: ['subscription', 'reason'] as const })),
  };
  return metrics;
}
