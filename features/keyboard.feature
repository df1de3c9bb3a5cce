@keyboard
Feature: The whole activation with the keyboard alone
  A CEC without a mouse uses Tab, Shift+Tab, Enter, Space and Escape (and types the values).
  At every stop the focus shows and moves in reading order; a refused page puts the focus on
  its error summary; the dialogs take the focus, keep it inside, and give it back.

  Background:
    Given a CEC has a delegation email

  @guide-step-1 @guide-step-2 @guide-step-3 @guide-step-4 @guide-step-5 @guide-step-6 @guide-step-7 @guide-step-8 @guide-step-9
  Scenario: A CEC activates the delegation code and logs in with the keyboard alone
    When the CEC opens the sign-up link
    And the CEC completes the page with the keyboard alone
    Then the "Use of the Website" page opens
    When the CEC opens the terms with the keyboard
    Then the focus is inside the "Terms and Conditions of Use" dialog
    And Tab and Shift+Tab keep the focus inside the dialog
    When the CEC closes the dialog with Escape
    Then the terms dialog is closed
    And the focus is back on "View the Terms and Conditions of Use"
    When the CEC completes the page with the keyboard alone
    Then the "User Information (1 of 2)" page opens
    When the CEC completes the page with the keyboard alone
    Then the "User Information (2 of 2)" page opens
    When the CEC completes the page with the keyboard alone
    Then the "Username & Password" page opens
    When the CEC completes the page with the keyboard alone
    Then the "Verify Your Information" page opens
    When the CEC completes the page with the keyboard alone
    Then a pop-up window prompts the CEC to Log In with the Username and Password
    And the focus is inside the "Account Created" dialog
    And Tab and Shift+Tab keep the focus inside the dialog
    When the CEC completes the page with the keyboard alone
    Then the "Log In" page opens
    When the CEC completes the page with the keyboard alone
    Then the CoveredCA.com home page welcomes the CEC by first name

  @guide-step-2 @negative
  Scenario: A refused CONTINUE puts the focus on the error summary
    When the CEC opens the sign-up link
    And the CEC presses Enter on CONTINUE with the fields empty
    Then the page says "Delegation Code is required." (DC-101)
    And the focus is on the error summary saying "Delegation Code is required. (DC-101)"
