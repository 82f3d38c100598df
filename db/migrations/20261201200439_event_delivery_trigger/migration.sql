-- Delivery order for integrators (db/events/feed.ts): order_xid = greatest(own tx_id, the stream's previous order_xid),
-- so (order_xid, id) order keeps each stream in sequence order even when a writer got its xid before it locked the
-- stream. Done in the database so every domain's writer gets it without code.
CREATE FUNCTION events_set_order_xid() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.order_xid := greatest(NEW.tx_id, coalesce((
    SELECT e.order_xid FROM events e
    WHERE e.stream_type = NEW.stream_type AND e.stream_id = NEW.stream_id AND e.sequence = NEW.sequence - 1
  ), NEW.tx_id));
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER events_order_xid BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION events_set_order_xid();
--> statement-breakpoint
-- Wakes subscribers and webhook dispatchers on every instance when a transaction that wrote events commits
-- (NOTIFY is delivered at commit, once per transaction for the same payload).
CREATE FUNCTION events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('xf_events', '');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER events_notify AFTER INSERT ON events FOR EACH STATEMENT EXECUTE FUNCTION events_notify();
