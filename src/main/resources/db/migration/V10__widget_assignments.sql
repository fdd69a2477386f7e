-- A widget's A/B assignment as we last sent it to CXone (after CXone accepted it): the source for resolve.
-- One row per variant, in the order the caller gave them (resolve walks cumulative weights in this order).
CREATE TABLE widget_assignments (
    widget_id       text             NOT NULL,
    position        integer          NOT NULL,
    publication_id  uuid             NOT NULL REFERENCES publications (id),
    cxone_theme_id  uuid             NOT NULL,
    segment_id      text,
    geo_region      text,
    traffic_weight  double precision NOT NULL CHECK (traffic_weight >= 0 AND traffic_weight <= 1),
    updated_at      timestamptz      NOT NULL,
    updated_by      text             NOT NULL,
    PRIMARY KEY (widget_id, position)
);
