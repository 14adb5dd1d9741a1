"""SCORM packages of a course: one SCO for the whole site, tracked through the
platform's runtime API (theme/assets/ss-scorm.js).

- course_index: what the tracking script needs to know of the course, and the
  suspend_data format it keeps progress in;
- launch: the launch page that holds the platform session around the site;
- manifest: imsmanifest.xml for SCORM 1.2 and SCORM 2004 4th edition;
- package: the zips, from a site built with the plugin's `scorm` option on;
- command: `scenariosite scorm`, which builds the site and writes both zips.
"""
