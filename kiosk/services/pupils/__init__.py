"""The pupil roster: imported from the MIS, searched, flagged and kept only as long as needed."""
