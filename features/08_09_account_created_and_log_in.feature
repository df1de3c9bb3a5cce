Feature: The account-created pop-up and Log In (guide steps 8 and 9)
  The guide: "Once the CEC's user account information is reviewed and confirmed, a pop-up
  window will prompt the user to Log In with the Username and Password generated." and
  "9. After selecting Log In, the page will be redirect to the CoveredCA.com Login page"

  Background:
    Given a CEC has a delegation email
    And the CEC has reached the "Verify Your Information" page
    And the CEC has confirmed the information

  @guide-step-8 @full-walk
  Scenario: Confirming brings the pop-up that prompts to Log In
    Then a pop-up window prompts the CEC to Log In with the Username and Password
    And the pop-up's Log In button has the focus
    And the portal holds the CEC's account, made with the code from the email

  @guide-step-8 @guide-step-9
  Scenario: Log In in the pop-up redirects to the CoveredCA.com Login page
    When the CEC selects Log In
    Then the "Log In" page opens
    And the page asks for the Username and Password

  @guide-step-9
  Scenario: The CEC logs in with the new account
    When the CEC selects Log In
    And logs in with the Username and Password created
    Then the CoveredCA.com home page welcomes the CEC by first name
    And the home page shows the role "Enrollment Counselor"

  @guide-step-9 @negative
  Scenario: A wrong password is refused (LI-601)
    When the CEC selects Log In
    And logs in with the Username created and a wrong password
    Then the page says only "The username or password you entered is incorrect." (LI-601)
    And the CEC is still on the "Log In" page
