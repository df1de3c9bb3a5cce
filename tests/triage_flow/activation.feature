Feature: A CEC activates a delegation code while the portal misbehaves
  The guide's steps 1-9, one Gherkin step each, so a failure names the step it belongs to.

  Scenario Outline: The portal fails with <kind> on <page> after <after> requests
    Given the portal fails with "<kind>" on "<page>" after <after> requests
    And the CEC copies the delegation email exactly
    When the CEC opens the sign-up link
    And the CEC enters the delegation email's values and clicks CONTINUE
    And the CEC views the Terms and Conditions of Use and closes them
    And the CEC agrees to the Terms and Conditions and continues
    And the CEC completes the User Information pages
    And the CEC creates a username and password
    And the CEC verifies the information and confirms
    And the CEC selects Log In in the pop-up
    Then the CEC logs in with the new account

    Examples:
      | kind | page | after |
      | none | none | 0     |

  Scenario: The CEC activates the account
    Given the CEC copies the delegation email exactly
    When the CEC opens the sign-up link
    And the CEC enters the delegation email's values and clicks CONTINUE
    And the CEC views the Terms and Conditions of Use and closes them
    And the CEC agrees to the Terms and Conditions and continues
    And the CEC completes the User Information pages
    And the CEC creates a username and password
    And the CEC verifies the information and confirms
    And the CEC selects Log In in the pop-up
    Then the CEC logs in with the new account

  Scenario: The CEC pastes a code with a non-breaking space
    Given the CEC pastes the delegation code with a non-breaking space after 3 characters
    When the CEC opens the sign-up link
    And the CEC enters the delegation email's values and clicks CONTINUE
    Then the CEC has reached the Terms and Conditions
