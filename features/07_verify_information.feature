Feature: Verify all information (guide step 7)
  The guide: "7. CEC is to verify all information submitted for the user account."

  Background:
    Given a CEC has a delegation email
    And the CEC has reached the "Verify Your Information" page

  @guide-step-7 @full-walk
  Scenario: The page shows what the CEC entered, grouped
    Then the Delegation group shows the Delegation Code, CEE Business Legal Name and CEC Certification # from the email
    And the User Information group shows what the CEC entered on the User Information pages
    And the Account group shows the Username and the security questions

  @guide-step-7
  Scenario: The password and the security answers are never shown
    Then the Account group shows the Password and every answer as "********"
    And neither the password nor any security answer appears anywhere on the page

  @guide-step-7
  Scenario Outline: Edit returns to the page of a group with its values kept
    When the CEC clicks Edit in the <group> group
    Then the "<page>" page opens
    And the page still shows what the CEC entered

    Examples:
      | group            | page                      |
      | Delegation       | Create Your Account       |
      | User Information | User Information (1 of 2) |
      | Account          | Username & Password       |

  @guide-step-7
  Scenario: A change made through Edit shows on Verify Your Information
    When the CEC clicks Edit in the User Information group
    And changes the First Name to "Zoë"
    And clicks Continue
    Then the "User Information (2 of 2)" page opens
    When the CEC clicks Continue
    Then the "Username & Password" page opens
    When the CEC completes all required fields in the Username & Password window
    And clicks Continue
    Then the "Verify Your Information" page opens
    And the User Information group shows "Zoë" as the First Name

  @guide-step-7
  Scenario: Back returns to the Username & Password
    When the CEC clicks Back
    Then the "Username & Password" page opens
