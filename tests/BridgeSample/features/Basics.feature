@sample
Feature: Basics of the bridge
  Scenarios that exercise what Reqnroll's generated code would.

  Background:
    Given a calculator

  @smoke
  Scenario: Adding two numbers
    When I add 2 and 3
    Then the result is 5

  Scenario Outline: Adding in a table
    When I add <a> and <b>
    Then the result is <sum>

    @small
    Examples: small numbers
      | a | b | sum |
      | 1 | 1 | 2   |
      | 2 | 2 | 4   |

    Examples: large numbers
      | a    | b    | sum  |
      | 1000 | 2000 | 3000 |

  Scenario: Data tables and doc strings reach the binding
    When I add all of
      | number |
      | 1      |
      | 2      |
      | 3      |
    Then the result is 6
    And the note reads
      """
      six, as expected
      """

  Scenario: A step that fails
    When I add 2 and 2
    Then the result is 5
    And the result is 4

  Scenario: A step that is pending
    When I do something not written yet

  Scenario: A step without a binding
    When I do something nobody bound

  @ignore
  Scenario: An ignored scenario
    Then the result is 42

  Scenario: A step that throws
    When the calculator breaks
