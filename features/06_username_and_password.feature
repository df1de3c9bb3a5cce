Feature: Create a Username & Password (guide step 6)
  The guide: "6. CEC must complete all required fields in the Username & Password window
  and click Continue (Keep track of this information as the user will be prompted to
  login once the account information is confirmed at the end)"

  Background:
    Given a CEC has a delegation email
    And the CEC has reached the "Username & Password" page

  @guide-step-6 @full-walk
  Scenario: A username, a password and three security questions lead to Verify Your Information
    When the CEC completes all required fields in the Username & Password window
    And clicks Continue
    Then the "Verify Your Information" page opens

  @guide-step-6
  Scenario: The rules are listed beside the fields
    Then the page lists the rules for the Username and the Password

  @guide-step-6 @negative
  Scenario Outline: A username that breaks the rules (CR-402)
    When the CEC completes the window with the username "<username>"
    And clicks Continue
    Then the page says only "Username must be 8 to 50 characters, start with a letter, and use only letters, numbers, and . _ - @" (CR-402)
    And the Username field is marked as invalid
    And the Password field is empty

    Examples:
      | username    |
      | cec.abc     |
      | 1cec.user   |
      | cec user 01 |
      | cec!user.01 |

  @guide-step-6 @negative
  Scenario: A username another CEC already has, in any case, is taken (CR-401)
    Given another CEC has already activated an account
    When the CEC completes the window with that CEC's username in capital letters
    And clicks Continue
    Then the page says only "That username is already taken. Choose a different username." (CR-401)

  @guide-step-6 @negative
  Scenario Outline: A password that breaks a rule (CR-403)
    When the CEC completes the window with the password "<password>"
    And clicks Continue
    Then the page says "<message>" (CR-403)
    And the Password field is marked as invalid

    Examples:
      | password      | message                                                                                                         |
      | Ab1!xyz       | Password must be 8 to 50 characters.                                                                            |
      | lowercaseonly | Password must include at least three of: an uppercase letter, a lowercase letter, a number, a special character. |
      | Qwerty1!      | Password is too common or a keyboard pattern. Choose a different password.                                      |
      | Password1!    | Password is too common or a keyboard pattern. Choose a different password.                                      |
      | Welcome1!     | Password is too common or a keyboard pattern. Choose a different password.                                      |

  @guide-step-6 @negative
  Scenario: A password that contains the username (CR-403)
    When the CEC completes the window with a password that contains the username
    And clicks Continue
    Then the page says only "Password must not contain your Username." (CR-403)

  @guide-step-6 @negative
  Scenario: Passwords that do not match (CR-404)
    When the CEC completes the window but types a different password in Confirm Password
    And clicks Continue
    Then the page says only "Passwords do not match." (CR-404)
    And the Confirm Password field is marked as invalid

  @guide-step-6 @negative
  Scenario: The same security question twice (CR-405)
    When the CEC completes the window choosing the same question for Security Question 1 and Security Question 2
    And clicks Continue
    Then the page says only "Choose three different security questions." (CR-405)

  @guide-step-6 @negative
  Scenario Outline: Security questions and answers are required (CR-405)
    When the CEC completes the window but leaves the <field> empty
    And clicks Continue
    Then the page says only "<field> is required." (CR-405)
    And the <field> field is marked as invalid

    Examples:
      | field               |
      | Security Question 3 |
      | Answer 1            |

  @guide-step-6 @negative
  Scenario: A security answer shorter than 3 characters (CR-405)
    When the CEC completes the window but enters "ab" as the Answer 2
    And clicks Continue
    Then the page says only "Answer 2 must be 3 to 100 characters." (CR-405)
