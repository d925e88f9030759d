@settings @smoke
Feature: Run settings
  A release owner points the suite at a MangaMotion deployment and sizes the load with the
  variables the load testing guide names. A value the suite cannot use is refused before any
  load is sent, naming the setting and what it accepts. Secrets are never shown.

  Scenario: The guide's values apply when nothing is set
    Given no settings are given
    When the settings are read
    Then the settings are
      | setting           | value        |
      | PROFILE           | smoke        |
      | CONCURRENT_USERS  | 50           |
      | MAX_POLL_ATTEMPTS | 60           |
      | POLL_INTERVAL_MS  | 1000         |
      | INITIAL_USERS     | 10           |
      | MAX_USERS         | 200          |
      | RAMP_UP_STEP      | 10           |
      | STEP_DURATION     | 2m           |
      | QUEUE_KEY         | ai-job:queue |
    And the target is the embedded reference stack

  Scenario: A deployment is named by its address
    Given the setting BASE_URL is "http://localhost:3000"
    When the settings are read
    Then the target is "http://localhost:3000"

  Scenario Outline: A value the suite cannot use is refused before any load
    Given the setting <setting> is "<value>"
    When the settings are read
    Then the settings are refused, naming <setting> and accepting "<accepted>"

    Examples:
      | setting       | value     | accepted                            |
      | FILE_SIZE_KB  | -5        | a whole number from 1 to 102400     |
      | FILE_SIZE_KB  | big       | a whole number from 1 to 102400     |
      | BASE_URL      | localhost | an absolute http:// or https:// URL |
      | STEP_DURATION | soon      | a duration such as 500ms            |
      | PROFILE       | huge      | one of smoke, release               |

  Scenario: The last step of a ramp cannot have fewer users than the first
    Given the setting INITIAL_USERS is "50"
    And the setting MAX_USERS is "20"
    When the settings are read
    Then the settings are refused, naming MAX_USERS and accepting "a whole number from 50"

  Scenario: Secrets are masked wherever settings are shown
    Given the setting S3_SECRET_KEY is "hunter2"
    When the settings are read
    Then the setting S3_SECRET_KEY is shown as "****"
